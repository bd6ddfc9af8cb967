"""Screens that run before treatment: red flags for secondary headache and the cervical screen."""
