hpb#dataj
offsetut_0.pb.dataj
offsettinput_A.pb0d0dat64O
length32p