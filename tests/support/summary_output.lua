-- tests/support/summary_output.lua: busted output handler for `make test`: busted's plain
-- terminal report, then one closing line "N passed, N failed" (errors count as failed),
-- the line CI reads.
return function(options)
  local busted = require 'busted'
  local handler = require 'busted.outputHandlers.plainTerminal'(options)
  busted.subscribe({ 'suite', 'end' }, function()
    local failed = handler.failuresCount + handler.errorsCount
    io.write(string.format("\n%d passed, %d failed\n", handler.successesCount, failed))
    io.flush()
    return nil, true
  end)
  return handler
end
