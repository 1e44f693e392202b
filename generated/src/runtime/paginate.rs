//! Pagination over Stripe's list endpoints (by object ID) and search endpoints (by page token).

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::client::{Client, decode_response};
use super::error::{Error, UnexpectedResponse, UnexpectedResponseKind};
use super::form::{Form, FormEncode};
use super::http::{BoxFuture, Method};

/// The parameters of a list endpoint, which a [`Paginator`] can move from page to page.
/// Implemented by the generated `List...Params` structs.
pub trait ListParams: FormEncode + Send + 'static {
    /// The type of the listed objects.
    type Item;

    /// Points the parameters at the page that follows `page` (never empty): after its last
    /// object (`starting_after`), or, when the caller asked for the objects before one
    /// (`ending_before`), before its first object, walking the list backwards.
    fn advance(&mut self, page: &[Self::Item]);
}

/// The parameters of a search endpoint, which a [`Paginator`] can move from page to page.
/// Implemented by the generated `Search...Params` structs.
pub trait SearchParams: FormEncode + Send + 'static {
    /// The type of the objects found.
    type Item;

    /// Points the parameters at the page whose token is `next_page`.
    fn set_page(&mut self, next_page: String);
}

/// What a list page and a search page have in common, which is all a [`Paginator`] reads.
#[derive(Deserialize)]
struct Page<T> {
    data: Vec<T>,
    has_more: bool,
    #[serde(default)]
    next_page: Option<String>,
}

/// The parameters with their kind and item type erased, so that [`Paginator`] needs only `T`.
trait PageCursor<T>: Send {
    /// Points the parameters at the page after `page`, which is not empty and says more
    /// follow; false when it gives no way there.
    fn advance(&mut self, page: &Page<T>) -> bool;
    fn form(&self) -> Form;
}

/// List parameters, moved by the IDs of the objects received.
struct ByCursor<P>(P);

impl<P: ListParams> PageCursor<P::Item> for ByCursor<P> {
    fn advance(&mut self, page: &Page<P::Item>) -> bool {
        self.0.advance(&page.data);
        true
    }

    fn form(&self) -> Form {
        Form::from_params(&self.0)
    }
}

/// Search parameters, moved by the page token each page gives.
struct ByPage<P>(P);

impl<P: SearchParams> PageCursor<P::Item> for ByPage<P> {
    fn advance(&mut self, page: &Page<P::Item>) -> bool {
        match &page.next_page {
            Some(next_page) => {
                self.0.set_page(next_page.clone());
                true
            }
            None => false,
        }
    }

    fn form(&self) -> Form {
        Form::from_params(&self.0)
    }
}

/// Every object of a list, fetched a page at a time as it is consumed.
///
/// Each page after the first is requested with the caller's parameters plus `starting_after`
/// set to the last object of the page before, so no object is repeated or skipped; when the
/// caller set `ending_before`, pages go backwards instead, each ending before the first object
/// of the page before. A search's pages are requested with `page` set to the `next_page` token
/// of the page before. Paging stops after a page with `has_more: false`.
///
/// A page that says more follow but cannot lead anywhere new (it is empty, a search page has
/// no `next_page`, or the request for the page after it would repeat a request already made) ends the paging with
/// [`UnexpectedResponseKind::PageDidNotAdvance`], after the objects received so far: a server
/// that keeps answering the same page would otherwise be asked forever.
///
/// Consume it with the inherent [`next`](Self::next), or as a [`Stream`] with any stream
/// combinators. After yielding an error (a request's, once the client's retries are spent, or
/// the one above), it ends.
///
/// ```no_run
/// # async fn example(mut accounts: stripe_client::Paginator<serde_json::Value>) -> Result<(), stripe_client::Error> {
/// while let Some(account) = accounts.next().await {
///     let account = account?;
///     # let _ = account;
/// }
/// # Ok(())
/// # }
/// ```
#[must_use = "a paginator does nothing until it is consumed"]
pub struct Paginator<T> {
    client: Client,
    path: String,
    params: Box<dyn PageCursor<T>>,
    /// Objects received and not yet yielded.
    buffer: VecDeque<T>,
    state: State<T>,
    /// The parameters of every page requested so far: asking for one again means the list is
    /// not advancing.
    requested: HashSet<String>,
    /// The `Request-Id` of the last page received, for an error about it.
    last_request_id: Option<String>,
}

/// A page and the `Request-Id` of the response it came in.
type Fetched<T> = (Page<T>, Option<String>);

enum State<T> {
    /// The next page should be requested when the buffer runs out.
    More,
    /// A page is being fetched.
    Fetching(BoxFuture<'static, Result<Fetched<T>, Error>>),
    /// The list stopped advancing: this error follows the buffered objects.
    Stuck,
    /// No page follows the buffered objects.
    Done,
}

// No field is ever pinned (the future is boxed), so moving a paginator is always fine.
impl<T> Unpin for Paginator<T> {}

impl<T: DeserializeOwned + Send + 'static> Paginator<T> {
    pub(crate) fn new<P: ListParams<Item = T>>(client: Client, path: String, params: P) -> Self {
        Self::with_cursor(client, path, Box::new(ByCursor(params)))
    }

    pub(crate) fn new_search<P: SearchParams<Item = T>>(
        client: Client,
        path: String,
        params: P,
    ) -> Self {
        Self::with_cursor(client, path, Box::new(ByPage(params)))
    }

    fn with_cursor(client: Client, path: String, params: Box<dyn PageCursor<T>>) -> Self {
        Self {
            client,
            path,
            params,
            buffer: VecDeque::new(),
            state: State::More,
            requested: HashSet::new(),
            last_request_id: None,
        }
    }

    /// The next object, fetching the next page first if needed; `None` after the last one.
    #[allow(clippy::should_implement_trait)] // It is `Stream::next`, without needing futures-util.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Collects every remaining object, stopping at the first error.
    ///
    /// # Errors
    ///
    /// The first error of any page request.
    pub async fn try_collect(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    /// The request for the next page, or `None` when it would repeat one already made.
    fn fetch(&mut self) -> Option<BoxFuture<'static, Result<Fetched<T>, Error>>> {
        let form = self.params.form();
        if !self.requested.insert(form.as_str().to_owned()) {
            return None;
        }
        let client = self.client.clone();
        let path = self.path.clone();
        Some(Box::pin(async move {
            let response = client.send_request(Method::Get, &path, &form).await?;
            let page = decode_response(&response)?;
            Ok((page, response.header("Request-Id").map(str::to_owned)))
        }))
    }

    fn not_advancing(&self) -> Error {
        Error::UnexpectedResponse(Box::new(UnexpectedResponse {
            status: 200,
            request_id: self.last_request_id.clone(),
            kind: UnexpectedResponseKind::PageDidNotAdvance,
        }))
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Paginator<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match &mut this.state {
                State::Done => return Poll::Ready(None),
                State::Stuck => {
                    this.state = State::Done;
                    return Poll::Ready(Some(Err(this.not_advancing())));
                }
                State::More => {
                    this.state = match this.fetch() {
                        Some(fetch) => State::Fetching(fetch),
                        None => State::Stuck,
                    }
                }
                State::Fetching(page) => {
                    let page = match page.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(page) => page,
                    };
                    match page {
                        Err(err) => {
                            this.state = State::Done;
                            return Poll::Ready(Some(Err(err)));
                        }
                        Ok((page, request_id)) => {
                            this.last_request_id = request_id;
                            this.state = if !page.has_more {
                                State::Done
                            } else if page.data.is_empty() || !this.params.advance(&page) {
                                State::Stuck
                            } else {
                                State::More
                            };
                            this.buffer.extend(page.data);
                        }
                    }
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.state {
            State::Done => (self.buffer.len(), Some(self.buffer.len())),
            // The buffered objects, then the error.
            State::Stuck => (self.buffer.len() + 1, Some(self.buffer.len() + 1)),
            State::More | State::Fetching(_) => (self.buffer.len(), None),
        }
    }
}

impl<T> fmt::Debug for Paginator<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            State::More => "more",
            State::Fetching(_) => "fetching",
            State::Stuck => "stuck",
            State::Done => "done",
        };
        f.debug_struct("Paginator")
            .field("path", &self.path)
            .field("buffered", &self.buffer.len())
            .field("state", &state)
            .finish_non_exhaustive()
    }
}
