”””””””””””””””ationinput_.p}.dataj
offset64j
lengõh32p