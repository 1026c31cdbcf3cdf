"""Pure rules of the domain: money, the ledger, progress, representativeness, small
groups, who may do what. No storage, no use cases, no Streamlit: tested on their own."""
