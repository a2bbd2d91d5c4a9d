"""Workshop evaluation: the before and after questionnaires, their reports and reminders."""
