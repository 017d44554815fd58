/* modules.h: the binding files whose openers luaopen_passend runs, in order.
 * One line per file: MODULE(x) calls int passend_open_x(lua_State *L) with the module
 * table on top of the stack. dataset comes before dsops (which adds to its metatable). */
MODULE(core)
MODULE(gate)
MODULE(dataset)
MODULE(dsops)
MODULE(column)
MODULE(csv)
MODULE(readstat)
MODULE(db)
MODULE(distr)
MODULE(format)
MODULE(xlsx)
MODULE(tktests)
MODULE(stats)
MODULE(factor)
MODULE(calib)
MODULE(estimate)
