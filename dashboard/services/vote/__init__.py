"""A neighbourhood vote (buurtbudget, issue 16) in the app: set-up and letters with codes
(`setup`), voting online and on paper (`casting`), closing and the winners as proposals
(`closing`), and the public result with its files (`results`). The count is `voting`."""
