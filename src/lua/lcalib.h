/* lcalib.h: calibration records (kernel/calib.h) as the bindings find them. */
#ifndef PASSEND_LCALIB_H
#define PASSEND_LCALIB_H

#include <stddef.h>

#include <lua.h>

#include "kernel/calib.h"

/* The calibration recorded in the metadata of the dataset at idx (meta.calibration),
 * when it was made for the column `weight`; NULL when there is none or it is for
 * another column. Raises a Lua error when w (the n weights in use) no longer match
 * what the calibration produced (rows filtered or sorted, weights edited). */
const Calibration *pl_calibration(lua_State *L, int idx, const char *weight, const double *w, size_t n);

#endif
