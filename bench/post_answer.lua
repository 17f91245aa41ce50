-- Posts answers as several members in turn; each body differs so none is a duplicate.
-- Filled in by bench/run.py: sessions (list of {cookie, token}) and path.
local counter = 0
request = function()
  counter = counter + 1
  local member = sessions[(counter % #sessions) + 1]
  local body = "csrfmiddlewaretoken=" .. member.token ..
    "&body=The+Soviet+armour+crossed+the+river+near+the+bridge+at+night+number+" .. counter ..
    "+while+the+Japanese+infantry+waited+for+supplies+that+never+came."
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = member.cookie,
  }, body)
end
