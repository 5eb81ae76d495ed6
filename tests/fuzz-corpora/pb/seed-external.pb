Bxj
locationinput_0.pb.dataj
offset64j
length32p