Bxj
locationinput_0.pb.dataj
offset64j
lengti32p