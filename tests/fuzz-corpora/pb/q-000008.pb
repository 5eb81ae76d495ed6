Bxj
locationinrut_0.pb.|ataioninput_0.Pb.dataj
odf2p