Bxj
locationinput_0.pb.dataj
ofbset64j
length32p