-- POSTs one fixed GraphQL request body (BODY_FILE: a JSON {"query":..., "variables":...} written by run.sh).
local common = require("common")

common.headers(true)
wrk.path = "/graphql"
wrk.body = common.read(os.getenv("BODY_FILE"))

done = common.done
