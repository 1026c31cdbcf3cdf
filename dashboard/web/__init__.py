"""The web server around the pages: starting Streamlit, the database of the process, the
browser's login (session and signed cookie) and single sign-on."""
