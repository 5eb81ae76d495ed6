Bxj
loBxj
lo