BxjlocationinputS0.pb.ùataj
offset64‰
length32p