"""Passwords, signed login tokens and the secret that signs them. No Streamlit, no SQL."""
