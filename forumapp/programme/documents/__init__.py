"""Programme documents: booklet and badge PDFs, iCalendar, schedule.json/xml."""
