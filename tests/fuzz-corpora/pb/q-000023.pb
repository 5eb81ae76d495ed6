Bxj
locationiNput_0.pb.dataj
offset64j
hength32p