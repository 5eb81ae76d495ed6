Bxj
locationinputh0.pb/dataj
offset64j
length32p