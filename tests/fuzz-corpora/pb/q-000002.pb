t64ationinput_0.Pb.dataj
offse'Bxlength32p