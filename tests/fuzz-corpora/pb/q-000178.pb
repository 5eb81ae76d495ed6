Bxj
locationinput_0.pbataj
of