0.pb.datau
of