-- wrk script: POST /v1/orders with a unique requestId and a distinct buyer per request, over the demo sale's
-- everyday SKUs (large stock, so the run measures reservations, not SOLD_OUT answers).
-- usage: wrk -t1 -c64 -d10s --latency -s bench/wrk/orders.lua http://127.0.0.1:8080
-- Environment: FLASHSALE_SKUS="a,b,c" (default: the demo's everyday goods 21001-21010, stock 66,853 to 494,651);
-- FLASHSALE_USER_BASE offsets buyer ids and request ids so that runs against the same node never collide.

local skus = {}
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   thread_id = id or 1
   local list = os.getenv("FLASHSALE_SKUS") or "21001,21002,21003,21004,21005,21006,21007,21008,21009,21010"
   for sku in string.gmatch(list, "[^,]+") do
      table.insert(skus, sku)
   end
   base = tonumber(os.getenv("FLASHSALE_USER_BASE") or "1")
   wrk.method = "POST"
   wrk.path = "/v1/orders"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   local user = base * 1000000000 + thread_id * 100000000 + counter
   local sku = skus[(counter % #skus) + 1]
   local body = string.format('{"sku":%s,"user":%d,"qty":1,"requestId":"wrk-%d-%d-%d"}',
      sku, user, base, thread_id, counter)
   return wrk.format(nil, nil, nil, body)
end

statuses = {}
function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, t in ipairs(threads) do
      for status, n in pairs(t:get("statuses")) do
         total[status] = (total[status] or 0) + n
      end
   end
   for status, n in pairs(total) do
      io.write(string.format("status %d: %d\n", status, n))
   end
end
