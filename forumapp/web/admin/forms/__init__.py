"""Back-office forms, one module per area. Forms check shape; services check the rules."""
