-- md: rendered by lua/passend/format/md.lua.
return { name = "md", extensions = { "md", "markdown" }, render = require("passend.format.md").render }
