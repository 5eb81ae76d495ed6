bxjŠlocationinput_0.pb.dataj
offset64j
length32p