-- scripts/demo.lua: the main job (`make demo`).
print(version())
print("the monitor tables arrive with the estimation engine (issue 4); nothing to compute yet")
