tionin*******************nput_0ddbúo‡320.Taúo‡320.Tataj
o