-- wrk script: each request takes the next path from a list file (one path a line), each thread from its own offset.
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  idx = ((tid or 0) * 7919) % #paths
end

function request()
  idx = idx % #paths + 1
  return wrk.format("GET", paths[idx])
end
