-- json: rendered by lua/passend/format/json.lua.
return { name = "json", extensions = { "json" }, render = require("passend.format.json").render }
