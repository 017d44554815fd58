-- svg: rendered by lua/passend/format/svg.lua.
return { name = "svg", extensions = { "svg" }, render = require("passend.format.svg").render,
         options = require("passend.format.svg").OPTIONS }
