-- The text table as the prompt prints it (.txt): written, not read (a .txt is not data).
return { name = "text", extensions = { "txt" }, render = require("passend.format.text").render }
