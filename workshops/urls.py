"""URLs of the workshop pages: scheduling, booking, the day and certificates."""

from django.urls import path

from workshops import certificate_views, downloads, engagement, filling, views

app_name = "workshops"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.my_workshops, name="mine"),
    path("new/", views.workshop_create, name="create"),
    path("waves/new/", views.wave_create, name="wave-create"),
    path("engagement/", engagement.engagement, name="engagement"),
    path("engagement.csv", engagement.engagement_csv, name="engagement-csv"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/edit/", views.workshop_edit, name="edit"),
    path("<int:pk>/invite/", views.workshop_invite, name="invite"),
    path("<int:pk>/cancel/", views.workshop_cancel, name="cancel"),
    path("<int:pk>/register/", views.workshop_register, name="register"),
    path("<int:pk>/booking/", views.workshop_booking, name="booking"),
    path("<int:pk>/calendar.ics", downloads.booking_calendar, name="calendar"),
    path("<int:pk>/workshop.ics", downloads.workshop_calendar, name="workshop-calendar"),
    path("<int:pk>/certificate.pdf", downloads.certificate, name="certificate"),
    path(
        "<int:pk>/certificates/<int:booking_pk>/withdraw/",
        certificate_views.certificate_withdraw_view,
        name="certificate-withdraw",
    ),
    path("<int:pk>/book-someone/", filling.book_person, name="book-person"),
    path("<int:pk>/message/", filling.workshop_message, name="message"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel_by_trainer, name="booking-cancel"),
    path("bookings/<int:pk>/promote/", filling.booking_promote, name="booking-promote"),
    path("bookings/<int:pk>/reorder/", filling.booking_reorder, name="booking-reorder"),
    path("bookings/<int:pk>/move/", filling.booking_transfer, name="booking-transfer"),
]
