@xj
locationinput_0.èb.dataj
offset64j
length32p