-- tex: rendered by lua/passend/format/tex.lua.
return { name = "tex", extensions = { "tex" }, render = require("passend.format.tex").render,
         options = { standalone = "boolean" } }
