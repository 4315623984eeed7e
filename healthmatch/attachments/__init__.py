"""The attachments kit: files on a need, a capability or a bid, handled the same way for each.

- ``services``: check an upload (type, size, content), store it, add it to its owner under the
  per-item limit, delete it;
- ``forms.AttachmentForm``: the upload form;
- ``views``: one upload, one download and one delete view, each told by an ``AttachmentSpec``
  how the app fetches the owner for a user (404 for outsiders), who may change its files and
  which page shows them;
- ``urls.attachment_urls``: the three URL patterns an app includes under its own prefix.

The base model is ``healthmatch.accounts.models.Attachment``. The kit imports no app: the apps
import the kit and hand it their models and rules.
"""
