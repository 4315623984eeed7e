from django.shortcuts import render


def need_list(request):
    return render(request, "needs/need_list.html", {})
