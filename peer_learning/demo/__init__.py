"""The portal's part of the demo site (see home.demo.builder)."""
