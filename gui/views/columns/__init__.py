"""The Columns view: versions side by side, aligned row by row, with the word-by-word
detail of the selected cell, find, filters and the overview strip (`pane.ColumnsPane`)."""
