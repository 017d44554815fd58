-- html: rendered by lua/passend/format/html.lua.
return { name = "html", extensions = { "html", "htm" }, render = require("passend.format.html").render,
         options = { fragment = "boolean" } }
