Bxj
location"in
length32p