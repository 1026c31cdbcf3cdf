"""Files in and out: the register extract and the spending export read and checked row
by row, the invitation letters and mail merge, project photos. No SQL, no Streamlit."""
