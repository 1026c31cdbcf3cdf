"""The neighbourhood's household book, one module per subject: budgets (`envelopes`),
`proposals`, meetings and `decisions`, `spending` and its import, `milestones` and
progress, `consultations`, the `year_end`, and the organisers' `view` of it all;
`common` holds the booking every write runs in. Organisers of the neighbourhood only."""
