"""The Heat Map view: the base text shaded by how many versions keep each sentence."""
