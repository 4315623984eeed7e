from django.shortcuts import render


def company_directory(request):
    return render(request, "companies/directory.html", {})
