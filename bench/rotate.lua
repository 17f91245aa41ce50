-- Requests the row's paths in turn, so a cached row reads many keys, not one hot page.
-- Filled in by bench/run.py: paths (list of paths). Each wrk thread starts at its own offset.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("offset", threads * 37)
end
local counter = 0
init = function(args)
  counter = offset or 0
end
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
