"""B2B matchmaking: profiles, requests, booking, solver, outcomes, agendas."""
