/* modules.h: the binding files whose openers luaopen_passend runs, in order.
 * One line per file: MODULE(x) calls int passend_open_x(lua_State *L). */
MODULE(core)
MODULE(gate)
MODULE(dataset)
MODULE(readstat)
MODULE(db)
MODULE(distr)
MODULE(format)
MODULE(xlsx)
MODULE(tktests)
MODULE(stats)
MODULE(calib)
MODULE(estimate)
