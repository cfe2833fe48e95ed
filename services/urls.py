from django.urls import path

from services.views import public, surveys

app_name = "services"

urlpatterns = [
    path("new/", public.request_new, name="request_new"),
    path("track/", public.request_track, name="request_track"),
    path("mine/", public.my_requests, name="my_requests"),
    path("survey/<str:token>/", surveys.survey, name="survey"),
    path("r/<str:number>/", public.request_detail, name="request_detail"),
    path("r/<str:number>/done/", public.request_done, name="request_done"),
    path("r/<str:number>/message/", public.request_message, name="request_message"),
    path("r/<str:number>/withdraw/", public.request_withdraw, name="request_withdraw"),
    path(
        "r/<str:number>/attachments/<int:attachment_id>/",
        public.attachment_download,
        name="attachment_download",
    ),
]
