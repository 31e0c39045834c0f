"""The facilitators 'Wagtail admin: rounds, cases, peer assignments."""
