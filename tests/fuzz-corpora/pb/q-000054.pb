B
engthlenTth*32p